// A failed Tencent Cloud call (or one that cannot be made): action, API code, RequestId and what to do.
import { EngineError, EXIT } from '../../../core/errors.js';

export class TencentCloudError extends EngineError {
  readonly code = 'CLOUD';
  readonly exitCode = EXIT.taskFailed;
  constructor(
    /** The API action, e.g. `DescribeHaVips`; undefined when no call was made. */
    readonly action: string | undefined,
    /** Tencent's error code (`AuthFailure.SecretIdNotFound`), or `Network`, `Config`. */
    readonly apiCode: string,
    readonly requestId: string | undefined,
    detail: string,
    readonly hint?: string,
  ) {
    const where = action ? `${action} failed: ` : '';
    const id = requestId ? ` (RequestId ${requestId})` : '';
    super(`${where}${apiCode}${id}: ${detail}${hint ? `; ${hint}` : ''}`);
  }
}

/** What to do about the API codes a person can act on. */
export function hintFor(apiCode: string, action: string): string | undefined {
  if (apiCode === 'AuthFailure.SecretIdNotFound' || apiCode === 'AuthFailure.InvalidSecretId') return 'check TENCENTCLOUD_SECRET_ID';
  if (apiCode === 'AuthFailure.SignatureFailure') return 'check TENCENTCLOUD_SECRET_KEY (it must belong to TENCENTCLOUD_SECRET_ID)';
  if (apiCode === 'AuthFailure.SignatureExpire') return "check this machine's clock (signatures are valid 5 minutes)";
  if (apiCode.startsWith('AuthFailure.UnauthorizedOperation') || apiCode.startsWith('UnauthorizedOperation')) {
    return `grant the key's CAM user the vpc:${action} permission`;
  }
  if (apiCode === 'RequestLimitExceeded') return 'the API kept refusing for rate limiting; run again later';
  return undefined;
}
