import express from 'express';
import { EXPECTED_BODY } from '../../fixtures';
import { serve } from './serve';

/** A plain express route answering the same JSON without any session or token work: the ceiling. */
const app = express();
app.get('/work', (_request, response) => {
  response.json(EXPECTED_BODY);
});
serve(app);
