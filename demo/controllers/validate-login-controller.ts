import express, { type Response } from 'express';
import { Body, Controller, Post, Res, UseBefore } from 'routing-controllers';
import { Session, type SessionHandle } from 'routing-controllers-jwt-session';
import { Service } from 'typedi';
import { readLoginForm } from '../login-form';
import { verifyUser } from '../users';

/** One hour, as the original's `GenerateJWTToken(username, time.Hour)` and 60-minute cookie. */
const TOKEN_LIFETIME_SECONDS = 3600;

/** Checks the login form, then logs in or sends the user back to the form with the reason. */
@Service()
@Controller()
export class ValidateLoginController {
  /**
   * Answers with 303 See Other, which makes the browser follow with a GET. The original's 301 is
   * permanent: a browser may cache it and skip this check on the next submit. routing-controllers'
   * `@Redirect` sends 302, so the redirect goes through `@Res()`.
   */
  @Post('/validate-jwt-login')
  @UseBefore(express.urlencoded({ extended: false, limit: '4kb' }))
  validate(@Body() body: unknown, @Session() session: SessionHandle, @Res() response: Response): Response {
    const result = readLoginForm(body);
    if (!result.ok) return backToLogin(session, response, result.reason);
    const { username, password } = result.form;
    if (!verifyUser(username, password)) return backToLogin(session, response, 'Error : username or password');

    session.login(username, { expiresIn: TOKEN_LIFETIME_SECONDS });
    session.flash('success : successful login');
    session.flash(`username : ${username}`);
    response.redirect(303, '/');
    return response;
  }
}

function backToLogin(session: SessionHandle, response: Response, reason: string): Response {
  session.flash(reason);
  response.redirect(303, '/login');
  return response;
}
