/**
 * The Docker Certified Associate exam domains and their blueprint weights (percent of the
 * exam). Lessons, questions and labs name one of these ids in their `domain` field.
 */
export const DOMAINS = {
  orchestration: { title: 'Orchestration', weight: 25 },
  images: { title: 'Image Creation, Management and Registry', weight: 20 },
  'install-config': { title: 'Installation and Configuration', weight: 15 },
  networking: { title: 'Networking', weight: 15 },
  security: { title: 'Security', weight: 15 },
  storage: { title: 'Storage and Volumes', weight: 10 },
} as const;

export type DomainId = keyof typeof DOMAINS;

export const DOMAIN_IDS = Object.keys(DOMAINS) as DomainId[];

export function isDomainId(value: unknown): value is DomainId {
  return typeof value === 'string' && value in DOMAINS;
}
