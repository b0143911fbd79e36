import { Get, JsonController } from 'routing-controllers';
import { Service } from 'typedi';

/** A liveness check that touches no session, as in the original. */
@Service()
@JsonController()
export class PingController {
  @Get('/ping')
  ping(): { ping: 'pong' } {
    return { ping: 'pong' };
  }
}
