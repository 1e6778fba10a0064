// The pages' texts in Chinese (the default) and English: the [web] part of heatlift's one
// message catalogue (data/i18n/messages.toml), which the server answers at
// app/messages.zh.json and app/messages.en.json. Standard names stay as written.
async function catalogue(lang) {
  const r = await fetch(`app/messages.${lang}.json`);
  if (!r.ok) throw new Error(`app/messages.${lang}.json: HTTP ${r.status}`);
  return r.json();
}

const [zh, en] = await Promise.all([catalogue('zh'), catalogue('en')]);
const messages = {zh, en};

function initialLang() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  const kept = localStorage.getItem('heatlift.lang');
  return kept === 'en' ? 'en' : 'zh';
}

let lang = initialLang();

export function currentLang() {
  return lang;
}

export function setLang(l) {
  lang = l === 'en' ? 'en' : 'zh';
  localStorage.setItem('heatlift.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/// The message `key` with its {name} placeholders filled from `vars`.
export function t(key, vars) {
  let s = messages[lang][key];
  if (s === undefined) s = messages.zh[key] !== undefined ? messages.zh[key] : key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split('{' + k + '}').join(String(v));
  return s;
}
