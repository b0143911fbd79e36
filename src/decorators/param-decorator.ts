/** What the parameter decorators return: the shape routing-controllers' `createParamDecorator` makes. */
export type ParamDecorator = (target: object, method: string, index: number) => void;
