import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { eventAsyncApiDocument, eventJsonSchemas } from '@partner-portal/contracts';
import { renderEventsPage } from './event-docs.page';

/**
 * Serves the event contract for connector authors, open like the OpenAPI document: the AsyncAPI document at
 * /api/docs/events.json, a page of it at /api/docs/events and each version's JSON Schema at
 * /api/docs/events/schemas/<Type>.v<N>.json. All are built once: they change only with the code.
 */
export function serveEventDocs(app: INestApplication): void {
  const document = eventAsyncApiDocument();
  const json = JSON.stringify(document);
  const page = renderEventsPage(document);
  const schemas = new Map(
    Object.entries(eventJsonSchemas()).map(([name, schema]) => [`${name}.json`, JSON.stringify(schema)]),
  );
  const http = app.getHttpAdapter();
  http.get('/api/docs/events.json', (_request: Request, response: Response) => {
    response.type('application/json').send(json);
  });
  http.get('/api/docs/events', (_request: Request, response: Response) => {
    response.type('text/html').send(page);
  });
  http.get('/api/docs/events/schemas/:file', (request: Request, response: Response) => {
    const schema = schemas.get(String(request.params.file));
    if (schema) return void response.type('application/schema+json').send(schema);
    response
      .status(404)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail:
            'no such event version: the names are those of /api/docs/events.json, e.g. PortalOrderSubmitted.v1.json',
          instance: request.originalUrl,
        }),
      );
  });
}
