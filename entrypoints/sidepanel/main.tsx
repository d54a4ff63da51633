// The engine worker starts reading the shop's snapshot, and the panel's first analysis is asked, before the panel's code loads.
import { openPanelEngine } from '@/components/engine/first-open';

openPanelEngine();
void import('./app');
