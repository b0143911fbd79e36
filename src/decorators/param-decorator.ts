/**
 * What the parameter decorators return: the shape routing-controllers' `createParamDecorator` makes.
 *
 * @example
 * ```ts
 * class AccountController {
 *   @Get('/me')
 *   me(@JwtUser() username: string | undefined) {} // JwtUser() returns a ParamDecorator
 * }
 * ```
 */
export type ParamDecorator = (target: object, method: string, index: number) => void;
