package io.dirsync.emulator.google;

/**
 * The Directory API's error responses, bodies as in the fixtures of {@code shared/api/fixtures/google}
 * (the two documentation examples with a trailing comma are served as valid JSON), and the token
 * endpoint's OAuth errors.
 */
public enum GoogleError {
  /** 403: the per-user per-minute quota (2,400 queries by default). Retryable. */
  USER_RATE_LIMIT_EXCEEDED(403, legacy("usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded", 403)),
  /** 403: a project quota. Retryable, although it is a 403. */
  RATE_LIMIT_EXCEEDED_403(403, legacy("usageLimits", "rateLimitExceeded", "Rate Limit Exceeded", 403)),
  /** 403: too many concurrent requests. Retryable. */
  QUOTA_EXCEEDED(403, legacy("usageLimits", "quotaExceeded", "Quota exceeded", 403)),
  /**
   * 403 in the newer error format: {@code status} RESOURCE_EXHAUSTED and no {@code errors[]} (SPEC B6,
   * observed), with the GCP quota message. Retryable.
   */
  RATE_LIMIT_EXCEEDED_403_STATUS_ONLY(403, """
      {"error":{"code":403,"message":"Quota exceeded for quota metric 'Queries' and limit 'Queries per minute \
      per user' of service 'admin.googleapis.com' for consumer 'project_number:123456789012'.",\
      "status":"RESOURCE_EXHAUSTED"}}"""),
  /** 429: the Workspace account's concurrency limit. Retryable. */
  RATE_LIMIT_EXCEEDED_429(429, """
      {"error":{"errors":[{"domain":"usageLimits","reason":"rateLimitExceeded","message":"Rate Limit Exceeded"}],\
      "code":429,"message":"Rate Limit Exceeded"}}"""),
  /** 500 backendError. Retryable. */
  BACKEND_ERROR_500(500, legacy("global", "backendError", "Backend Error", 500)),
  /** 503 backendError, also what a listing paged for more than 60 minutes gets. Retryable. */
  BACKEND_ERROR_503(503, """
      {"error":{"code":503,"message":"Service unavailable. Please try again","errors":[{"message":\
      "Service unavailable. Please try again","domain":"global","reason":"backendError"}]}}"""),
  /** 403: the delegated subject is not an administrator (or lacks the admin role). Not retryable. */
  FORBIDDEN(403, """
      {"error":{"code":403,"message":"Not Authorized to access this resource/api","errors":[{"message":\
      "Not Authorized to access this resource/api","domain":"global","reason":"forbidden"}]}}"""),
  /** 403: the access token lacks the scope the method needs. Not retryable. */
  INSUFFICIENT_PERMISSIONS(403, legacy("global", "insufficientPermissions", "Insufficient Permission", 403)),
  /** 403: the Admin SDK API is not enabled in the service account's project. Not retryable. */
  ACCESS_NOT_CONFIGURED(403, """
      {"error":{"code":403,"message":"Admin SDK API has not been used in project 123456789012 before or it is \
      disabled. Enable it by visiting https://console.developers.google.com/apis/api/admin.googleapis.com/overview?\
      project=123456789012 then retry.","errors":[{"message":"Admin SDK API has not been used in project \
      123456789012 before or it is disabled.","domain":"usageLimits","reason":"accessNotConfigured",\
      "extendedHelp":"https://console.developers.google.com"}],"status":"PERMISSION_DENIED"}}"""),
  /** 401: missing, unknown or expired bearer token. */
  AUTH_ERROR(401, """
      {"error":{"errors":[{"domain":"global","reason":"authError","message":"Invalid Credentials",\
      "locationType":"header","location":"Authorization"}],"code":401,"message":"Invalid Credentials"}}"""),
  /** 404 for an unknown group key. */
  GROUP_NOT_FOUND(404, legacy("global", "notFound", "Resource Not Found: groupKey", 404)),
  /** 400 for requests the API refuses (neither customer nor domain where needed, bad combinations). */
  BAD_REQUEST(400, legacy("global", "badRequest", "Bad Request", 400)),
  /** 400 for a page token that is malformed, tampered with, expired or replayed with other parameters. */
  INVALID_PAGE_TOKEN(400, legacy("global", "invalid", "Invalid Input: pageToken", 400)),
  /** 400 for maxResults outside the documented range. */
  INVALID_MAX_RESULTS(400, legacy("global", "invalid", "Invalid value for: maxResults is out of range", 400)),
  /** 400 for a users query the emulator cannot parse. */
  INVALID_QUERY(400, legacy("global", "invalid", "Invalid Input", 400)),

  /** Token endpoint, 400: bad JWT times (exp more than an hour after iat, or outside a reasonable window). */
  TOKEN_INVALID_GRANT_CLOCK(400, """
      {"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token (60 minutes) \
      and in a reasonable timeframe. Check your iat and exp values and use a clock with skew to account for clock \
      differences between systems."}"""),
  /** Token endpoint, 400: the signature does not verify against a registered key. */
  TOKEN_INVALID_GRANT_SIGNATURE(400, """
      {"error":"invalid_grant","error_description":"Invalid JWT Signature."}"""),
  /** Token endpoint, 400: {@code sub} is not a user of the domain. */
  TOKEN_INVALID_GRANT_SUBJECT(400, """
      {"error":"invalid_grant","error_description":"Invalid email or User ID"}"""),
  /** Token endpoint, 400: {@code aud} is not Google's token endpoint, or iss is not the key's account. */
  TOKEN_INVALID_GRANT_CLAIMS(400, """
      {"error":"invalid_grant","error_description":"Invalid JWT: Failed audience check."}"""),
  /** Token endpoint, 401: domain-wide delegation does not cover the client or every requested scope. */
  TOKEN_UNAUTHORIZED_CLIENT(401, """
      {"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using \
      this method, or client not authorized for any of the scopes requested."}"""),
  /** Token endpoint, 400: not the JWT-bearer grant. */
  TOKEN_UNSUPPORTED_GRANT(400, """
      {"error":"unsupported_grant_type","error_description":"Invalid grant_type: "}"""),
  /** Token endpoint, 503: a transient failure of the token service. */
  TOKEN_UNAVAILABLE(503, """
      {"error":"internal_failure","error_description":"Backend Error"}""");

  private final int status;
  private final String body;

  GoogleError(int status, String body) {
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** The response body, JSON. */
  public String body() {
    return body;
  }

  /** Whether a well-behaved client should retry this error. */
  public boolean retryable() {
    return switch (this) {
      case USER_RATE_LIMIT_EXCEEDED, RATE_LIMIT_EXCEEDED_403, RATE_LIMIT_EXCEEDED_403_STATUS_ONLY, QUOTA_EXCEEDED,
          RATE_LIMIT_EXCEEDED_429,
          BACKEND_ERROR_500, BACKEND_ERROR_503, TOKEN_UNAVAILABLE -> true;
      default -> false;
    };
  }

  private static String legacy(String domain, String reason, String message, int code) {
    return "{\"error\":{\"errors\":[{\"domain\":\"" + domain + "\",\"reason\":\"" + reason + "\",\"message\":\""
        + message + "\"}],\"code\":" + code + ",\"message\":\"" + message + "\"}}";
  }
}
