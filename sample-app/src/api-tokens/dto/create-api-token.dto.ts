import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** Body of `POST /api-tokens`. */
export class CreateApiTokenDto {
  /** A label for the owner's benefit (`"CI deploy"`). */
  @IsString()
  @Length(1, 64)
  name!: string;

  /** Days until the token stops working; without it, it works until revoked. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  expires_in_days?: number;
}
