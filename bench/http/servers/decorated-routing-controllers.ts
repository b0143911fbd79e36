import 'reflect-metadata';
import { createExpressServer, createParamDecorator, Get, Interceptor, JsonController, type InterceptorInterface } from 'routing-controllers';
import { EXPECTED_BODY } from '../../fixtures';
import { serve } from './serve';

/** A custom parameter decorator that injects `value` and does nothing else. */
function Constant(value: unknown) {
  return createParamDecorator({ value: () => value });
}

/** A global interceptor that hands the result on unchanged. */
@Interceptor()
class PassThrough implements InterceptorInterface {
  intercept(_action: unknown, content: unknown): unknown {
    return content;
  }
}

/**
 * The bare action with what routing-controllers itself charges for this library's shape (three
 * custom parameter decorators and a global interceptor) but none of its work: the most any library
 * built from those parts could reach.
 */
@JsonController()
class DecoratedController {
  @Get('/work')
  work(@Constant(EXPECTED_BODY.user) user: string, @Constant(EXPECTED_BODY.flashes) flashes: readonly string[], @Constant(EXPECTED_BODY.username) username: string) {
    return { user, flashes, username };
  }
}

serve(createExpressServer({ controllers: [DecoratedController], interceptors: [PassThrough], development: false }));
