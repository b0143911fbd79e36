import { Controller, Get, Render } from 'routing-controllers';
import { Flash, JwtUser } from 'routing-controllers-jwt-session';
import { Service } from 'typedi';
import { toFlashViews, type FlashView } from '../flash-view';
import { formatAsDate } from '../format-date';

/** What `views/index.ejs` shows. */
export interface HomePage {
  title: string;
  today: string;
  flashes: FlashView[];
  /** Undefined when the request has no valid token: the page then offers the login link. */
  username: string | undefined;
}

/** The home page, under the three paths of the original. */
@Service()
@Controller()
export class HomeController {
  @Get('/')
  @Get('/index')
  @Get('/index.html')
  @Render('index')
  home(@Flash() flashes: string[], @JwtUser() username: string | undefined): HomePage {
    return { title: 'Main website', today: formatAsDate(new Date()), flashes: toFlashViews(flashes), username };
  }
}
