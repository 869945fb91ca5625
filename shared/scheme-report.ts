/** How reports (PDF, Word, XLSX) present a scheme's numbers. Optional in a scheme. */
import { z } from 'zod';

export const DEFAULT_REPORT_DECIMALS = 2;

export const ReportSettingsSchema = z
  .object({
    /** Decimals of scores in reports (default 2); the XLSX keeps full precision and shows this many. */
    decimals: z.number().int().min(0).max(6).default(DEFAULT_REPORT_DECIMALS),
  })
  .describe('How reports present numbers');

export type ReportSettings = z.infer<typeof ReportSettingsSchema>;

/** The decimals of a scheme's reports. */
export const reportDecimals = (s: { report?: { decimals?: number } }): number => s.report?.decimals ?? DEFAULT_REPORT_DECIMALS;
