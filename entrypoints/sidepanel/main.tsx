// The engine worker starts reading the shop's snapshot first; the panel's code loads meanwhile.
import { startPanelEngine } from '@/components/engine/boot';

startPanelEngine();
void import('./app');
