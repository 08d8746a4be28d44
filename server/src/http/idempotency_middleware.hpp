#pragma once
// Idempotency-Key on state-changing routes (see services/idempotency.hpp for the rules): 400 for
// a malformed key, 409 while the first request with the key runs, 422 when the key was used for
// a different request, the stored answer (with "Idempotent-Replayed: true") for a repeat.
// Answers below 400 are stored and committed together with the request's writes; other answers
// roll back and free the key, so that a retry runs the request again.

#include "http/middleware.hpp"
#include "services/idempotency.hpp"

namespace mimamori::http {

class IdempotencyMiddleware final : public Middleware {
public:
    explicit IdempotencyMiddleware(services::Idempotency& service) : m_service(service) {}

    Response handle(const Request& request, RequestContext& context, const Next& next) override;

private:
    Response run_claimed(const Request& request, RequestContext& context, const Next& next, const std::string& key,
                         const std::string& claim);

    services::Idempotency& m_service;
};

} // namespace mimamori::http
