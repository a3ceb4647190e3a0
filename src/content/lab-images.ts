/**
 * The images the course's labs need (their `images` front matter), for doctor. Kept out of
 * course-summary.ts because reading them needs the YAML parser, which the home screen's
 * first frame should not load.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lessonDirs } from './course-summary.js';
import { splitFrontMatter } from './frontmatter.js';
import type { ContentRoot } from './paths.js';
import { readContentText } from './read-content.js';

/** Images named by the labs, deduplicated, in first-seen order. */
export function labImages(roots: readonly ContentRoot[]): string[] {
  const images = new Set<string>();
  for (const root of roots) {
    for (const dir of lessonDirs(root.dir)) {
      const file = join(dir, 'lab.md');
      if (existsSync(file)) for (const image of labImagesOf(file)) images.add(image);
    }
  }
  return [...images];
}

function labImagesOf(file: string): string[] {
  const { data } = splitFrontMatter(readContentText(file), file);
  const images = (data as { images?: unknown } | undefined)?.images;
  return Array.isArray(images)
    ? images.filter((image): image is string => typeof image === 'string')
    : [];
}
