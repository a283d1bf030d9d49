import { existsSync } from 'node:fs';
import { CanvassError } from '../errors/canvass-error.js';

/** Where Debian's Chromium lives; CANVASS_CHROMIUM names another build. */
export const defaultChromiumPath = '/usr/bin/chromium';

/**
 * The flags of a headless Chromium on a closed network: without the background-networking ones
 * it keeps trying to reach Google's hosts at every start.
 */
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Prints a standalone HTML page (styles inlined, no script needed) to PDF through Chromium,
 * A4 with the page's own print styles and backgrounds. Chromium is not bundled: it comes from the
 * system (Debian's `chromium` package), and its absence is a user error that says what to install.
 */
export async function printPdf(html: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const executablePath = env.CANVASS_CHROMIUM ?? defaultChromiumPath;
  if (!existsSync(executablePath)) {
    throw new CanvassError(
      'pdf.chromium-missing',
      `Writing a PDF needs Chromium, and there is none at ${executablePath}. Install Debian's package with 'apt-get install chromium' (or set CANVASS_CHROMIUM to the path of a Chromium or Chrome binary), then run the command again. The HTML report does not need it.`,
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' }, tagged: true, outline: true });
  } finally {
    await browser.close();
  }
}
