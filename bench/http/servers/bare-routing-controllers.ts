import 'reflect-metadata';
import { createExpressServer, Get, JsonController } from 'routing-controllers';
import { EXPECTED_BODY } from '../../fixtures';
import { serve } from './serve';

/** A routing-controllers action answering the same JSON, no sessions, no JWT: what ratios divide by. */
@JsonController()
class BareController {
  @Get('/work')
  work() {
    return EXPECTED_BODY;
  }
}

serve(createExpressServer({ controllers: [BareController], development: false }));
