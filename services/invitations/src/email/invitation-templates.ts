import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import {
  invitationEmailModel,
  TEMPLATE_LANGUAGES,
  type InvitationEmailFacts,
  type TemplateLanguage,
} from './invitation-email';

/** A rendered e-mail. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** services/invitations/templates, both from src/ (tests) and from dist/ (runtime). */
export const TEMPLATES_DIR = join(__dirname, '..', '..', 'templates');

type Compiled = Record<'subject' | 'html' | 'text', Handlebars.TemplateDelegate>;

/** The invitation templates of every language, compiled once. */
export class InvitationTemplates {
  private readonly byLanguage = new Map<TemplateLanguage, Compiled>();

  constructor(dir = TEMPLATES_DIR) {
    for (const language of TEMPLATE_LANGUAGES) {
      const load = (part: string, escape: boolean) =>
        Handlebars.compile(readFileSync(join(dir, 'invitation', language, `${part}.hbs`), 'utf8'), {
          noEscape: !escape,
          strict: true,
        });
      // The HTML escapes every value; subject and plain text are not HTML, so they must not.
      this.byLanguage.set(language, {
        subject: load('subject', false),
        html: load('html', true),
        text: load('text', false),
      });
    }
  }

  render(facts: InvitationEmailFacts): RenderedEmail {
    const templates = this.byLanguage.get(facts.language) ?? (this.byLanguage.get('en') as Compiled);
    const model = invitationEmailModel(facts);
    return {
      subject: templates.subject(model).trim().replace(/\s+/g, ' '),
      html: templates.html(model),
      text: templates.text(model).replace(/\n{3,}/g, '\n\n'),
    };
  }
}
