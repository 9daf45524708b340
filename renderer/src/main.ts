// Entry: mount the app on #app.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { startBeat, pageBeatHost } from './lib/beat';

// Every blink on the page follows one beat (lib/beat.ts).
startBeat(pageBeatHost());
mount(App, { target: document.getElementById('app')! });
