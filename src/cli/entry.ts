/** The program entry bundled into dist/crashlens.js: runs the CLI. */
import { main } from './main.js';

await main();
