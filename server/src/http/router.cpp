#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace mimamori::http {
namespace {

std::vector<std::string> split_pattern(std::string_view pattern) {
    std::vector<std::string> out;
    std::string_view rest = pattern.substr(1);
    while (true) {
        auto slash = rest.find('/');
        out.emplace_back(rest.substr(0, slash));
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
    return out;
}

// Number of literal segments matched (the route's specificity), or -1 when it does not match.
// Allocates nothing: it runs for every route on every request.
int rank_segments(const Route& route, const std::vector<std::string>& segments) {
    // Without a last "*name" (add() allows it nowhere else) only a path as long as the pattern
    // matches: most routes are ruled out without comparing a segment.
    if (route.segments.size() != segments.size() && !route.segments.back().starts_with('*')) return -1;
    int literals = 0;
    for (std::size_t i = 0; i < route.segments.size(); ++i) {
        const std::string& pattern = route.segments[i];
        if (pattern.starts_with('*')) return literals;
        if (i >= segments.size()) return -1;
        if (pattern.starts_with(':')) {
            if (segments[i].empty()) return -1;
        } else if (pattern == segments[i]) {
            ++literals;
        } else {
            return -1;
        }
    }
    return route.segments.size() == segments.size() ? literals : -1;
}

// The values of a matching route's ":name" and "*name" segments.
NameValues params_of(const Route& route, const std::vector<std::string>& segments) {
    NameValues params;
    for (std::size_t i = 0; i < route.segments.size(); ++i) {
        const std::string& pattern = route.segments[i];
        if (pattern.starts_with('*')) {
            std::string rest;
            for (std::size_t j = i; j < segments.size(); ++j) rest += (j > i ? "/" : "") + segments[j];
            params.emplace_back(pattern.substr(1), std::move(rest));
            break;
        }
        if (pattern.starts_with(':')) params.emplace_back(pattern.substr(1), segments[i]);
    }
    return params;
}

} // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
    if (pattern.empty() || pattern.front() != '/') throw std::logic_error("route pattern must start with '/': " + pattern);
    for (const Route& r : m_routes)
        if (r.method == method && r.pattern == pattern) throw std::logic_error("route registered twice: " + pattern);
    auto segments = split_pattern(pattern);
    for (std::size_t i = 0; i + 1 < segments.size(); ++i)
        if (segments[i].starts_with('*')) throw std::logic_error("a \"*name\" segment must be the last: " + pattern);
    m_routes.push_back(Route{std::move(method), std::move(pattern), std::move(handler), options, std::move(segments)});
}

Router::Match Router::match(std::string_view method, const std::vector<std::string>& segments) const {
    Match best;
    int best_rank = -1;
    bool path_known = false;
    for (const Route& route : m_routes) {
        int literals = rank_segments(route, segments);
        if (literals < 0) continue;
        path_known = true;
        bool exact = route.method == method;
        if (!exact && !(method == "HEAD" && route.method == "GET")) continue;
        int rank = literals * 2 + (exact ? 1 : 0); // an explicit HEAD route beats GET's fallback
        if (rank > best_rank) {
            best_rank = rank;
            best.route = &route;
        }
    }
    if (best.route) {
        best.params = params_of(*best.route, segments);
    } else if (path_known) { // 405: the methods the path has
        for (const Route& route : m_routes)
            if (rank_segments(route, segments) >= 0) best.allowed.push_back(route.method);
        if (std::find(best.allowed.begin(), best.allowed.end(), "GET") != best.allowed.end()) best.allowed.push_back("HEAD");
        std::sort(best.allowed.begin(), best.allowed.end());
        best.allowed.erase(std::unique(best.allowed.begin(), best.allowed.end()), best.allowed.end());
    }
    return best;
}

} // namespace mimamori::http
