import { render } from 'preact';
import { App } from './app';
import { startEarlyReads } from './data/early-reads';
import './styles.css';

// Before the page's chunk arrives: a run's link starts reading the run at once.
startEarlyReads();
render(<App />, document.getElementById('app')!);
