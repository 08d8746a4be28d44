-- 0004 sign-in addresses: where each account has signed in successfully. An address over its
-- failure limit (a password-spraying attack from one line) still lets in the accounts that have
-- signed in from it before -- the staff of a nursing home on its shared line -- while a right
-- password for any other account gets the same 429 as a wrong one, so the limit is no oracle.
CREATE TABLE sign_in_addresses (
    account_id      bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    client_address  text NOT NULL,
    last_success_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, client_address)
);
