/** Every error response: `message` is always one string, several problems joined. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}
