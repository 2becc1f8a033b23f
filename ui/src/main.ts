// First, before any module formats a date or a number at load (see lib/language.ts).
import './lib/language';

import { mount } from 'svelte';

import App from './App.svelte';
import './app.css';
import RoomDisplay from './lib/components/RoomDisplay.svelte';

// One bundle, two windows: the chair's, and the room display (opened at index.html#room).
const target = document.getElementById('app')!;
export default location.hash === '#room' ? mount(RoomDisplay, { target }) : mount(App, { target });
