import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { zhCN } from "./zh-CN.ts";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "beltmap.language";

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "zh-CN"; // Chinese first, whatever the browser says
}

const language = initialLanguage();
if (typeof document !== "undefined") document.documentElement.lang = language;

void i18next.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN } },
  // English joins when it is first needed (see loadLanguage); pages add their own strings later.
  partialBundledLanguages: true,
  lng: "zh-CN",
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

let english: Promise<void> | null = null;

/**
 * Loads a language's app strings. English comes as a chunk of its own, on demand: most users never
 * switch, and every first load (the dashboard's too) would carry it otherwise.
 */
export function loadLanguage(language: Language): Promise<void> {
  if (language !== "en") return Promise.resolve();
  english ??= import("./en.ts").then(({ en }) => {
    // Merged under the strings pages may have added already; theirs are kept.
    i18next.addResourceBundle("en", "translation", en, true, false);
  });
  return english;
}

/** Resolves once the stored language is loaded and chosen: the app renders after it. */
export const languageReady: Promise<void> = loadLanguage(language).then(async () => {
  if (language !== "zh-CN") await i18next.changeLanguage(language);
});

export async function setLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export { i18next };
