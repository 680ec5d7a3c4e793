// Word lists and tables the demo directory is drawn from: communes, NAF codes, names, sentences.

/** Space-separated words; long lists stay a few lines instead of one line per word. */
const words = (...lines: string[]): readonly string[] => lines.join(' ').split(' ');
const split = (text: string): readonly string[] => text.split('|');

// Town-centre coordinates (approximate, WGS 84) and weights; names, départements and régions come
// from findCommune. Most members are in Île-de-France and Centre-Val de Loire.
export type DemoCommune = { code: string; latitude: number; longitude: number; weight: number };
// code latitude longitude weight
const COMMUNE_TABLE = `
  75103 48.8630 2.3600 3 | 75110 48.8761 2.3607 4 | 75111 48.8590 2.3800 6
  75112 48.8396 2.3958 3 | 75114 48.8331 2.3264 3 | 75118 48.8925 2.3444 4
  75119 48.8871 2.3847 4 | 75120 48.8634 2.4011 5 | 93048 48.8617 2.4433 5
  93066 48.9362 2.3574 3 | 94041 48.8159 2.3850 2 | 92050 48.8924 2.2071 2
  94028 48.7904 2.4556 2 | 95018 48.9472 2.2467 1 | 78646 48.8049 2.1204 2
  91228 48.6290 2.4410 1 | 37261 47.3941 0.6848 9 | 37122 47.3522 0.6636 2
  37003 47.4125 0.9826 1 | 45234 47.9030 1.9093 7 | 45208 47.9975 2.7330 1
  18033 47.0810 2.3988 4 | 18279 47.2220 2.0690 1 | 41018 47.5861 1.3359 3
  28085 48.4439 1.4890 3 | 28134 48.7372 1.3664 1 | 36044 46.8103 1.6913 2
  2A004 41.9192 8.7386 2 | 2B033 42.6976 9.4509 2 | 2B096 42.3063 9.1500 1
  2A247 41.5912 9.2795 1 | 97411 -20.8789 55.4481 2 | 97416 -21.3393 55.4781 1
  97101 16.2710 -61.5045 1 | 97105 15.9985 -61.7261 1 | 97209 14.6161 -61.0588 1
  97611 -12.7806 45.2279 1 | 97302 4.9372 -52.3260 1 | 69123 45.7640 4.8357 1
  44109 47.2184 -1.5536 1 | 59350 50.6292 3.0573 1 | 31555 43.6047 1.4442 1
  35238 48.1173 -1.6778 1 | 13055 43.2965 5.3698 1 | 33063 44.8378 -0.5792 1
  67482 48.5734 7.7521 1 | 38185 45.1885 5.7245 1 | 34172 43.6108 3.8767 1
`;
export const DEMO_COMMUNES: readonly DemoCommune[] = COMMUNE_TABLE.trim()
  .split(/\s*[|\n]\s*/)
  .map((row) => {
    const [code = '', latitude, longitude, weight] = row.trim().split(' ');
    return { code, latitude: Number(latitude), longitude: Number(longitude), weight: Number(weight) };
  });

// Weighted like the confederation's figures (per thousand): services and consulting with IT 46 %,
// building 18 %, industry 14 %, then trade, education and culture, health, transport...
export type DemoNaf = {
  code: string;
  weight: number;
  nouns: readonly string[];
  trades: readonly string[];
  activity: string;
};
// code;weight;name nouns;tradespeople (plural);activity line
const NAF_TABLE = `
70.22Z;75;Conseil|Cabinet;Consultants;Conseil en organisation, stratégie et conduite du changement
71.11Z;45;Atelier d'architecture|Agence;Architectes;Architecture, maîtrise d'œuvre et réhabilitation
71.12B;50;Bureau d'études|Ingénierie;Ingénieurs;Ingénierie et études techniques en bâtiment et énergie
74.10Z;20;Studio|Design;Designers;Design graphique, design produit et signalétique
69.20Z;20;Cabinet comptable|Expertise;Comptables;Expertise comptable et accompagnement des TPE
81.21Z;30;Nettoyage|Propreté;Agents;Nettoyage de locaux professionnels et entretien de bureaux
81.30Z;30;Jardins|Paysages;Jardiniers|Paysagistes;Création et entretien d'espaces verts et de jardins
82.30Z;15;Événements|Rencontres;Organisateurs;Organisation de congrès, salons et événements
82.11Z;15;Secrétariat|Bureau;Assistants;Secrétariat partagé, gestion administrative et paie
73.20Z;15;Études|Observatoire;Enquêteurs;Études de marché, sondages et enquêtes de terrain
72.19Z;10;Laboratoire|Recherche;Chercheurs;Recherche appliquée en sciences de l'environnement
78.30Z;35;Coopérative d'activité|Pôle Entrepreneurs;Entrepreneurs;Hébergement d'entrepreneurs salariés (CAE)
96.02A;15;Coiffure|Salon;Coiffeurs;Coiffure mixte, soins capillaires et barbier
96.09Z;10;Services|Conciergerie;Artisans;Services à la personne et conciergerie de quartier
95.11Z;10;Atelier numérique|Réparation;Réparateurs;Réparation et reconditionnement d'ordinateurs
62.01Z;25;Logiciels|Développement;Développeurs;Développement de logiciels libres et applications web
62.02A;10;Informatique|Systèmes;Informaticiens;Conseil en systèmes informatiques et hébergement
73.11Z;12;Communication|Agence;Communicants;Communication, publicité et identité de marque
58.11Z;5;Éditions;Éditeurs;Édition de livres, essais et littérature jeunesse
58.14Z;3;Journal|Revue;Journalistes;Édition d'un magazine d'information régionale
59.11A;5;Films|Productions;Réalisateurs;Production de documentaires et de films institutionnels
43.32A;25;Menuiserie|Agencement;Menuisiers;Menuiserie bois et PVC, pose de fenêtres et agencement
43.21A;25;Électricité;Électriciens;Installation électrique, domotique et photovoltaïque
43.22B;20;Chauffage|Thermique;Chauffagistes;Chauffage, climatisation et pompes à chaleur
43.22A;15;Plomberie;Plombiers;Plomberie, sanitaire et rénovation de salles de bains
43.99C;25;Maçonnerie|Bâtiment;Maçons|Bâtisseurs;Maçonnerie générale, gros œuvre et bâti ancien
43.34Z;15;Peinture|Décoration;Peintres;Peinture, vitrerie et revêtements de sols et murs
43.91A;15;Charpente;Charpentiers;Charpente bois, ossature et couverture
43.31Z;10;Plâtrerie;Plâtriers;Plâtrerie, cloisons sèches et faux plafonds
43.29A;10;Isolation;Compagnons;Isolation thermique par matériaux biosourcés
41.20A;10;Construction|Maisons;Constructeurs;Construction de maisons individuelles en ossature bois
43.32B;10;Métallerie|Serrurerie;Serruriers;Serrurerie, métallerie et ferronnerie d'art
16.23Z;12;Menuiserie|Charpente;Charpentiers;Fabrication de charpentes, escaliers et menuiseries
25.62B;25;Mécanique|Usinage;Mécaniciens;Mécanique industrielle et usinage de précision
25.11Z;10;Chaudronnerie|Métallerie;Chaudronniers;Chaudronnerie et structures métalliques
18.12Z;20;Imprimerie;Imprimeurs;Imprimerie offset et numérique sur papiers recyclés
13.20Z;8;Tissage;Tisserands;Tissage de laine et de chanvre, étoffes d'ameublement
13.92Z;8;Textiles|Atelier textile;Couturiers;Confection d'articles textiles et de linge de maison
14.13Z;5;Confection|Couture;Couturières;Confection de vêtements de travail
31.09B;12;Ébénisterie|Mobilier;Ébénistes;Ébénisterie et fabrication de meubles sur mesure
33.12Z;10;Maintenance;Techniciens;Réparation et maintenance de machines industrielles
22.29A;8;Plasturgie;Plasturgistes;Injection et moulage de pièces plastiques techniques
28.29B;10;Machines|Équipements;Constructeurs;Conception et fabrication de machines spéciales
33.20C;7;Automatismes;Automaticiens;Automatismes et assemblage d'équipements industriels
18.13Z;5;Photogravure|Prépresse;Graphistes;Prépresse, photogravure et fichiers d’impression
47.21Z;10;Primeur|Épicerie;Épiciers;Épicerie de fruits et légumes de saison
47.61Z;15;Librairie;Libraires;Librairie générale et jeunesse, rencontres d'auteurs
47.91B;10;Boutique|Comptoir;Vendeurs;Vente à distance de produits écologiques
46.90Z;15;Négoce|Distribution;Négociants;Commerce de gros de fournitures et de matériaux
45.20A;10;Garage;Mécaniciens;Entretien et réparation de véhicules, mécanique générale
85.59A;20;Formation|Formations;Formateurs;Formation professionnelle continue des adultes
85.59B;8;École|Ateliers;Enseignants;Cours et ateliers pédagogiques pour tous les âges
85.52Z;7;École de musique|Conservatoire;Musiciens;Enseignement de la musique et de la danse
90.01Z;12;Théâtre|Compagnie;Comédiens;Création et diffusion de spectacles vivants
90.02Z;8;Scène|Production;Régisseurs;Régie, production et tournées de spectacles
90.03A;5;Atelier|Galerie;Plasticiens;Création en arts plastiques et résidences d'artistes
88.10A;15;Aide à domicile|Services;Auxiliaires;Aide à domicile et accompagnement des personnes âgées
88.91A;5;Crèche|Petite enfance;Éducateurs;Accueil de jeunes enfants en crèche parentale
86.90D;8;Soins|Cabinet infirmier;Infirmiers;Soins infirmiers à domicile et en cabinet
88.99B;12;Insertion|Solidarités;Accompagnateurs;Insertion par l'activité économique
49.41A;8;Transports;Transporteurs;Transport routier de marchandises
49.32Z;5;Taxis;Chauffeurs;Taxis et transport de personnes à mobilité réduite
53.20Z;7;Coursiers|Livraison;Coursiers;Livraison urbaine à vélo cargo
56.10A;15;Restaurant|Bistrot;Cuisiniers;Restauration traditionnelle, cuisine de saison
55.10Z;5;Hôtel|Auberge;Hôteliers;Hôtellerie et accueil de groupes
10.71C;5;Boulangerie|Fournil;Boulangers;Boulangerie-pâtisserie au levain et farines locales
01.13Z;5;Maraîchage|Potager;Maraîchers;Maraîchage biologique et vente en circuits courts
38.32Z;8;Recyclerie|Ressourcerie;Récupérateurs;Collecte, tri et réemploi d'objets et de matériaux
35.11Z;7;Énergies|Énergie citoyenne;Producteurs;Production d'électricité photovoltaïque citoyenne
70.10Z;0;Groupement|Union;Coopérateurs;Mutualisation de services entre coopératives
`;
export const DEMO_NAF: readonly DemoNaf[] = NAF_TABLE.trim()
  .split('\n')
  .map((row) => {
    const [code = '', weight, nouns = '', trades = '', activity = ''] = row.split(';');
    return { code, weight: Number(weight), nouns: split(nouns), trades: split(trades), activity };
  });

/** CAE host entrepreneurs under one of these codes; groupings are head offices (weight 0 above). */
export const CAE_NAF_CODES = ['78.30Z', '70.22Z'] as const;
export const GROUPING_NAF_CODE = '70.10Z';

// The fixed members' words stay theirs in searches: no Dupré, Lin, Vie, Data, Écopôle or Possibles here.
export const SURNAMES = {
  metro: words(
    'Martin Bernard Thomas Petit Robert Richard Durand Leroy Moreau Simon Laurent Lefèvre Michel Garcia David',
    'Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet François Martinez Legrand',
    'Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier',
    'Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier',
    'Roche Roy Noël Meyer Lucas Meunier Pérez Marchand Dufour Blanchard Barbier Brun Dumas Brunet Schmitt',
    'Leroux Colin Fernandez Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine',
    'Picard Gaillard Leclercq Lacroix Fabre Dupuis Olivier Hubert Charpentier Ménard Bénard Lécuyer Thébault',
    "Chéron Prévost Hervé Benoît Lemaître Besnard Régnier Crépin Delaunay Després Pélissier D'Almeida N'Diaye",
    "D'Angelo L'Huillier Traoré Diallo Benali Haddad Mansouri Kouassi Tran Lê Côté Bréhier Josserand",
  ),
  corse: words(
    'Santoni Luciani Pieri Mattei Casanova Paoli Filippi Giacomoni Leca Colonna Orsini Poli Nicolai Antonetti',
    'Marchetti Peretti Albertini Cristofari Susini Giudicelli Bartoli Ottavi Rocca Simeoni',
  ),
  reunion: words(
    'Payet Hoarau Grondin Rivière Técher Maillot Lebon Nativel Dijoux Turpin Ethève Lauret Séry Barret',
  ),
  antilles: words(
    'Jean-Baptiste Pierre-Louis Alexis Bellance Joseph Marie-Sainte Saint-Louis Jean-Louis Rémy Théodose',
    'Bernabé Sainte-Rose Calixte Zébina Ursulet Pélage Célestine',
  ),
  mayotte: words('Madi Attoumani Ahamada Abdallah Saïd Soilihi Combo Houmadi Boinali Ousseni'),
};
export type NameArea = keyof typeof SURNAMES;

export const FIRST_NAMES_FEMALE = words(
  'Élodie Hélène Chloé Zoé Noémie Anaïs Gaëlle Maëlle Léa Inès Camille Manon Juliette Margaux Céline Sophie',
  'Aurélie Émilie Agnès Bérénice Mélanie Séverine Nathalie Isabelle Valérie Sandrine Laëtitia Joëlle',
  'Marie-Hélène Anne-Sophie Françoise Geneviève Clémence Amélie Océane Maïwenn Salomé Yasmine Fatoumata Nadia',
);
export const FIRST_NAMES_MALE = words(
  'Jérôme Rémi Frédéric Stéphane Sébastien Benoît Loïc Gaël Joël Mathéo Théo Clément Aurélien Jean-Baptiste',
  'François Hervé Thierry Pascal Olivier Nicolas Julien Maxime Antoine Hugo Lucas Yannick Cédric Grégory',
  'Raphaël Noé Éric Karim Mamadou Youssef Paul-Antoine Ange-Marie Jean-Michel',
);

export const PLACES = {
  metro: split(
    'du Moulin|de la Source|des Tilleuls|du Vieux Port|de la Vallée|des Quatre Vents|du Marais|du Pont|' +
      'de la Forge|des Remparts|du Val|des Coteaux|des Communs|du Partage',
  ),
  idf: split('de Seine|des Lilas|du Canal|de la Villette|de Belleville|des Buttes|du Faubourg|de Bercy'),
  centre: split('de Loire|du Cher|de Touraine|de Sologne|du Berry|du Perche|de Beauce|de Brenne'),
  corse: split("du Maquis|de Balagne|du Cap|de l'Île|du Golfe|des Aiguilles"),
  overseas: split('des Alizés|du Lagon|des Hauts|de la Soufrière|des Mornes|du Fleuve|des Îles'),
};
export type PlaceArea = keyof typeof PLACES;

/** Nouns taking the elided article: "L'Atelier du Moulin". */
export const ELIDED_NOUNS = words(
  'Atelier Établi Échoppe Ouvrage Outil Escale Alliance Équipage Envol Archipel',
);
export const EPICENE_ADJECTIVES = words(
  'Solidaire Durable Libre Nomade Éthique Équitable Autonome Agile Utile',
);
export const BRAND_PREFIXES = words(
  'Bati Eco Agri Web Logi Media Terra Archi Graph Ener Bio Cyclo Alter Mobi Forma',
);
export const BRAND_SUFFIXES = words('Coop Scop Lab Tech Sol Vert Via Lien Fab');
export const PAIRED_NOUNS = words(
  'Terre Bois Pierre Chaux Fil Trame Pain Sel Ciel Mer Encre Papier Fer Feu Sons Lumières Graines Racines Champs',
);

export const STREET_TYPES = words('rue rue rue avenue boulevard impasse place chemin allée quai');
export const STREET_NAMES = split(
  'Jean-Jaurès|Victor-Hugo|de la République|des Tanneurs|du Commerce|Nationale|de l’Église|des Écoles|Pasteur|' +
    'Gambetta|du 8-Mai-1945|Louise-Michel|des Lilas|de la Gare|Émile-Zola|Aristide-Briand|des Artisans|Marcel-Cachin',
);
export const ADDRESS_COMPLEMENTS = split(
  "Bâtiment B|2e étage|BP 42|Hôtel d'entreprises|Pépinière d'entreprises|Lot 7",
);

// ARCEP's numbers reserved for fiction where one exists: a demo must not publish real people's lines.
const LANDLINE_PREFIXES: readonly (readonly [prefix: string, regionCodes: string])[] = [
  ['019900', '11'],
  ['026191', '24 28 52 53'],
  ['035301', '27 32 44'],
  ['046571', '84 93 94'],
  ['053649', '75 76'],
  ['0590', '01'],
  ['0596', '02'],
  ['0594', '03'],
  ['0262', '04'],
  ['0269', '06'],
];
export const LANDLINE_PREFIX_BY_REGION: Readonly<Record<string, string>> = Object.fromEntries(
  LANDLINE_PREFIXES.flatMap(([prefix, regions]) => regions.split(' ').map((region) => [region, prefix])),
);
export const MOBILE_PREFIX = '063998';

export const UNION_EMAIL_DOMAIN = 'union-scop.example.fr';

export const FEDERATION_BY_SECTOR: Readonly<Record<string, string>> = {
  construction: 'Fédération du BTP des Scop',
  information_communication: 'Fédération Communication',
  industry: "Fédération des Scop de l'Industrie",
};
export const CAE_NETWORK = 'Coopérer pour entreprendre';

/** Trait keys inserted by the initial migration, with how often a documented trait is present. */
export const TRAIT_PRESENCE: Readonly<Record<string, number>> = {
  horizontal_governance: 0.35,
  self_set_salaries: 0.15,
  open_vacation: 0.08,
  financial_transparency: 0.45,
  collective_meetings: 0.8,
  all_employees_associates: 0.3,
  rotating_management: 0.1,
  parity_goals: 0.3,
  sociocracy: 0.07,
};

// Both apostrophes (' and ’) occur, as in what members write themselves.
// Sentences use {name}, {family}, {commune}, {year}, {founded} and {activity} (lower-case activity line).
export const INTRO_BY_ORIGIN: Readonly<Record<string, readonly string[]>> = {
  creation: [
    '{name} est une {family} créée en {year} à {commune}.',
    'Fondée en {year} par une poignée de salariés, {name} est une {family} implantée à {commune}.',
  ],
  transmission: [
    '{name} a été transmise à ses salariés en {year}, au départ en retraite de son fondateur.',
    'Entreprise fondée en {founded}, {name} est devenue une {family} en {year} lors de sa transmission.',
  ],
  association_conversion: [
    "Issue d'une association née en {founded}, {name} est devenue une {family} en {year}.",
    "L'association d'origine s'est transformée en {family} en {year} pour pérenniser ses emplois.",
  ],
  company_conversion: [
    'Entreprise familiale fondée en {founded}, {name} s’est transformée en {family} en {year}.',
    'Créée en {founded}, la société a choisi en {year} de devenir une {family} à {commune}.',
  ],
  takeover: [
    'Reprise par ses salariés en {year} après un redressement judiciaire, {name} a retrouvé l’équilibre.',
    'En {year}, les salariés ont repris leur outil de travail en créant {name}.',
  ],
};
export const ACTIVITY_SENTENCES = [
  'Son métier : {activity}.',
  "L'équipe intervient en {activity} auprès des particuliers, des entreprises et des collectivités.",
  'Elle est reconnue dans la région pour son savoir-faire : {activity}.',
  'Au quotidien, {activity}, avec une attention particulière à la qualité.',
];
export const VALUE_SENTENCES = [
  'Les décisions importantes se prennent en assemblée, selon le principe « une personne, une voix ».',
  'La coopérative privilégie les circuits courts et les fournisseurs locaux.',
  "Chaque année, une part des bénéfices est mise en réserve pour consolider l'outil de travail.",
  "L'équipe accueille régulièrement des apprentis et des stagiaires.",
  'Elle s’engage pour l’égalité professionnelle et le bien-être au travail.',
  'Ses associés ont fait le choix d’un écart de salaires limité.',
  'Elle participe activement au réseau des Scop de sa région.',
];
export const ADVISOR_NOTES = [
  'Révision coopérative prévue au prochain exercice.',
  'Demande de prêt participatif à l’étude ; dossier complet reçu.',
  "Accompagnement de la transmission en cours : rendez-vous avec l'expert-comptable au printemps.",
  "Gérance renouvelée lors de la dernière AG ; mettre à jour l'extrait Kbis.",
  'Projet de création d’un second établissement, à suivre.',
  'Retard de cotisation signalé, relance envoyée.',
  'Souhaite intégrer un nouveau collège de sociétaires.',
  'Formation des nouveaux associés demandée pour l’automne.',
  'Tension de trésorerie signalée ; point mensuel avec la gérance.',
  'Candidat au trophée régional des Scop.',
];

/** Contact roles, "masculine/feminine": the lead role depends on the company form. */
export const LEAD_ROLES: Readonly<Record<string, readonly string[]>> = {
  sarl: ['Gérant/Gérante', 'Cogérant/Cogérante'],
  sas: ['Président/Présidente', 'Directeur général/Directrice générale'],
  sa: ['Président-directeur général/Présidente-directrice générale'],
};
export const OTHER_ROLES = split(
  'Responsable administratif et financier/Responsable administrative et financière|' +
    'Chargé de communication/Chargée de communication|Conducteur de travaux/Conductrice de travaux|' +
    'Coordinateur/Coordinatrice|Responsable commercial/Responsable commerciale',
);

/** Typical revenue per employee (euros) by sector family, before each member's own factor. */
export const REVENUE_PER_EMPLOYEE: Readonly<Record<string, number>> = {
  construction: 95_000,
  industry: 140_000,
  trade: 180_000,
  information_communication: 85_000,
  services_consulting: 75_000,
  education_culture: 55_000,
  health_social: 42_000,
  transport_logistics: 110_000,
  hospitality: 70_000,
  agriculture_food: 90_000,
  environment_energy: 120_000,
};
