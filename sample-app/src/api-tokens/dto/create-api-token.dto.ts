import { IsString, Length } from 'class-validator';

/** Body of `POST /api-tokens`. */
export class CreateApiTokenDto {
  /** A label for the owner's benefit (`"CI deploy"`). */
  @IsString()
  @Length(1, 64)
  name!: string;
}
