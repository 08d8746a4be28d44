#include "http/idempotency_middleware.hpp"

#include "http/router.hpp"
#include "log.hpp"

namespace mimamori::http {
namespace {

using Kind = services::Idempotency::Begin::Kind;

Response replay(const services::StoredAnswer& answer) {
    Response r;
    r.status = answer.status;
    for (const auto& [name, value] : answer.headers) r.headers.add(name, value);
    r.headers.set("Idempotent-Replayed", "true");
    r.body = answer.body;
    return r;
}

services::StoredAnswer to_stored(const Response& r) {
    return services::StoredAnswer{r.status, r.headers.fields(), r.body_text()};
}

} // namespace

Response IdempotencyMiddleware::handle(const Request& request, RequestContext& context, const Next& next) {
    auto key = request.header("Idempotency-Key");
    // A streamed-body route answers its head before its body (Request::body_follows): nothing to
    // store at that point; such routes (tus PATCH) carry their own guard against repeats.
    if (!context.route().state_changing() || !key || context.route().options.never_store_answer ||
        context.route().options.streamed_body)
        return next(request, context);
    if (request.headers.count("Idempotency-Key") > 1)
        return Response::error(Error::invalid("Idempotency-Key", "send one Idempotency-Key"));
    if (auto valid = services::Idempotency::validate_key(*key); !valid) return Response::error(valid.error());

    std::string key_text(*key);
    auto begin = m_service.begin(context.database(), context.principal(), key_text,
                                 services::Idempotency::fingerprint(request.method, request.target, request.body));
    switch (begin.kind) {
    case Kind::Mismatch:
        return Response::error(Error::make(ErrorCode::Unprocessable, "this Idempotency-Key was used for a different request"));
    case Kind::InFlight:
        return Response::error(Error::make(ErrorCode::Conflict, "a request with this Idempotency-Key is still running; retry later"));
    case Kind::Replay:
        return replay(begin.answer);
    case Kind::Claimed:
        break;
    }
    return run_claimed(request, context, next, key_text, begin.claim);
}

Response IdempotencyMiddleware::run_claimed(const Request& request, RequestContext& context, const Next& next,
                                            const std::string& key, const std::string& claim) {
    auto give_up = [&] {
        context.unit_of_work().rollback();
        try {
            m_service.release(context.database(), context.principal(), key, claim);
        } catch (const std::exception& e) { // it is then abandoned, and free again after a while
            log::warning("request " + context.request_id() + ": cannot release an idempotency key: " + e.what());
        }
    };
    try {
        Response response = next(request, context);
        if (response.status >= 400) {
            give_up();
            return response;
        }
        if (!m_service.complete(context.tx(), context.principal(), key, claim, to_stored(response))) {
            context.unit_of_work().rollback();
            return Response::error(Error::make(ErrorCode::Conflict, "this Idempotency-Key was taken over; retry"));
        }
        context.unit_of_work().commit(); // the answer and the request's writes, together
        return response;
    } catch (...) {
        give_up();
        throw;
    }
}

} // namespace mimamori::http
