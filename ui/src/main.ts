// First, before any module formats a date or a number at load (see lib/language.ts).
import './lib/language';

import { mount } from 'svelte';

import App from './App.svelte';
import './app.css';
import RoomDisplay from './lib/components/RoomDisplay.svelte';
import { useLanguage } from './lib/i18n.svelte';
import { locales, type Locale } from './lib/paraglide/runtime';
import { applyTheme, isTheme } from './lib/theme';

// One bundle, two windows: the chair's, and the room display (opened at index.html?lang=…&theme=…#room,
// in the chair's language and theme: it can call nothing, so it is told them in its address).
const target = document.getElementById('app')!;
const room = location.hash === '#room';
const asked = new URLSearchParams(location.search);
const lang = asked.get('lang');
const theme = asked.get('theme');
if (room && locales.includes(lang as Locale)) useLanguage(lang as Locale);
applyTheme(room && isTheme(theme) ? theme : 'system');
export default room ? mount(RoomDisplay, { target }) : mount(App, { target });
