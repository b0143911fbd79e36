import { Get, JsonController } from 'routing-controllers';
import { Session, type SessionHandle } from 'routing-controllers-jwt-session';
import { Service } from 'typedi';

/** The JSON of `/some-cookie-example`, with the original's keys. */
export interface CookieExample {
  'session message': string;
  'session new message': number;
  'session read again after delete': string;
  status: number;
}

/** The original's SomeCookiesHandler: one session key written, overwritten, and deleted. */
@Service()
@JsonController()
export class CookieExampleController {
  /** Absent values read as Go's zero values ("" and 0), so the JSON matches the original's. */
  @Get('/some-cookie-example')
  example(@Session() session: SessionHandle<{ hello: string | number }>): CookieExample {
    session.set('hello', 'world');
    const sessionMessage = session.getString('hello') ?? '';
    session.set('hello', 2017);
    const newMessage = session.getNumber('hello') ?? 0;
    session.delete('hello');
    const readAgain = session.getString('hello') ?? '';
    return {
      'session message': sessionMessage,
      'session new message': newMessage,
      'session read again after delete': readAgain,
      status: 200,
    };
  }
}
