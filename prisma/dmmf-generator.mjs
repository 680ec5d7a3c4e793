// A Prisma generator that writes the schema's datamodel (DMMF) to JSON, so the schema-drift
// test can compare schema.prisma with the migrated database without Prisma's schema engine.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import generatorHelper from '@prisma/generator-helper';

generatorHelper.generatorHandler({
  onManifest: () => ({ prettyName: 'Datamodel snapshot', defaultOutput: '../src/generated/datamodel.json' }),
  onGenerate: async (options) => {
    const file = options.generator.output?.value;
    if (!file) throw new Error('datamodel generator: no output path');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(options.dmmf.datamodel, null, 2)}\n`);
  },
});
