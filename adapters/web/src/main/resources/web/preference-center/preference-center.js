// The preference centre (to come): translations only for now.
import { applyTranslations } from '/assets/i18n.js';

applyTranslations();
