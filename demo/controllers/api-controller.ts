import { Get, JsonController } from 'routing-controllers';
import { JwtUser, RequireJwt } from 'routing-controllers-jwt-session';
import { Service } from 'typedi';

/**
 * A JSON API for scripts and single-page apps: the token comes as `Authorization: Bearer` (the
 * token `login` returns) or, from a browser, in the token cookie. Without one: 401 JSON.
 */
@Service()
@JsonController('/api')
@RequireJwt()
export class ApiController {
  /** `required` repeats the class guard so the parameter's type can be `string`, not `string | undefined`. */
  @Get('/me')
  me(@JwtUser({ required: true }) username: string): { username: string } {
    return { username };
  }
}
