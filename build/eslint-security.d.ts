// Types for build/eslint-security.js (plain JS so eslint.config.js can import it without a loader).
import type { Linter } from 'eslint';

export declare const secureViewModules: string[];
export declare const safeOpenerModules: string[];
export declare const ipcModules: string[];
export declare const restrictions: Array<{ id: string; selector: string; message: string }>;
declare const config: Linter.Config[];
export default config;
