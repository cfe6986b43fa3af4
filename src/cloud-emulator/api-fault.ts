// An error answer of the emulated API: Tencent's `Response.Error { Code, Message }`, thrown by handlers.

export class ApiFault extends Error {
  constructor(
    /** Tencent's error code, e.g. `AuthFailure.SignatureFailure`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
