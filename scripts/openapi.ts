// npm run openapi — rewrites the committed openapi.yaml from the route schemas.
import { writeFile } from 'node:fs/promises';
import { renderOpenapiYaml } from '../src/plugins/openapi-document.js';

const file = new URL('../openapi.yaml', import.meta.url);
await writeFile(file, await renderOpenapiYaml());
console.log(`wrote ${file.pathname}`);
