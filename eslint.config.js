// Lint rules for the harness. Formatting is prettier's job (`npm run format`);
// eslint-config-prettier comes last and turns off every rule that would argue with it.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default defineConfig([
  // Dependencies, build logs, generated reports, and recorded test inputs.
  globalIgnores(["node_modules/", ".cache/", "reports/", "**/fixtures/"]),

  js.configs.recommended,

  {
    // Type-aware checks for everything tsconfig.json covers.
    files: ["src/**/*.ts", "suites/**/*.ts", "images/**/*.ts", "vitest.config.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },

  {
    // The team rule: no function in src/ longer than about 60 lines.
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    rules: {
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },

  prettier,
]);
