/** A Chinese font for PDFs: the first of a few well-known Debian paths that exists. */
import fs from 'node:fs';

export interface FontRef {
  path: string;
  /** Face inside a collection (.ttc), by PostScript name. */
  family?: string;
}

export const FONT_CANDIDATES: FontRef[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
];

let found: FontRef | null | undefined;

/** The font to use, or null when none is installed (looked up once). */
export function findCjkFont(candidates = FONT_CANDIDATES): FontRef | null {
  if (candidates !== FONT_CANDIDATES) return candidates.find((c) => fs.existsSync(c.path)) ?? null;
  if (found === undefined || found === null) found = candidates.find((c) => fs.existsSync(c.path)) ?? null;
  return found;
}

/** A bold serif face for the red header (发文机关标志), when installed; else the body font. */
export const HEADER_FONTS: FontRef[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', family: 'NotoSerifCJKsc-Bold' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', family: 'NotoSansCJKsc-Bold' },
];
export const findHeaderFont = (body: FontRef): FontRef => HEADER_FONTS.find((c) => fs.existsSync(c.path)) ?? body;
