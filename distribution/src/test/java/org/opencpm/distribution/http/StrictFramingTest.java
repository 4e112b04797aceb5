package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.uri.UriFragment;
import io.helidon.common.uri.UriPath;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Test;

/**
 * The request-line and framing rules, without a server: RFC 3986 query characters (a raw ':'
 * included), no fragment; a body framed by exactly one {@code Transfer-Encoding: chunked} or one
 * plain {@code Content-Length}, never both.
 */
class StrictFramingTest {

    @Test
    void a_query_with_the_characters_rfc_3986_allows_passes() {
        for (String query : new String[] {"", "from=2026-01-01T00:00:00Z", "a=b&c=d;e", "x=%E5%BC%A0&y=@/?!$'()*+,~"}) {
            assertThatCode(() -> StrictFraming.checkRequestLine(line(query, null))).as(query).doesNotThrowAnyException();
        }
    }

    @Test
    void a_query_with_a_character_that_must_be_escaped_or_a_broken_escape_is_refused_with_a_400_that_closes() {
        for (String query : new String[] {"x={}", "x=<a>", "x=\"", "x=a|b", "x=\\", "x=^", "x=`", "x=[1]", "x=\u00e9", "x=%zz", "x=%4", "x=%"}) {
            assertThatThrownBy(() -> StrictFraming.checkRequestLine(line(query, null))).as(query)
                    .isInstanceOfSatisfying(RequestException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(Status.BAD_REQUEST_400);
                        assertThat(refused.keepAlive()).isFalse();
                        assertThat(refused.safeMessage()).isTrue();
                    });
        }
    }

    @Test
    void a_request_target_with_a_fragment_is_refused() {
        assertThatThrownBy(() -> StrictFraming.checkRequestLine(line("", "top"))).isInstanceOf(RequestException.class)
                .hasMessageContaining("fragment");
    }

    @Test
    void a_body_framed_by_one_chunked_coding_or_one_length_passes() {
        assertThatCode(() -> StrictFraming.checkFraming(headers())).doesNotThrowAnyException();
        assertThatCode(() -> StrictFraming.checkFraming(headers("Transfer-Encoding", "chunked"))).doesNotThrowAnyException();
        assertThatCode(() -> StrictFraming.checkFraming(headers("Content-Length", "0"))).doesNotThrowAnyException();
        assertThatCode(() -> StrictFraming.checkFraming(headers("Content-Length", "1048576"))).doesNotThrowAnyException();
    }

    @Test
    void any_other_transfer_encoding_or_length_or_both_together_are_refused_with_a_400_that_closes() {
        String[][] refused = {
                {"Transfer-Encoding", "Chunked"}, {"Transfer-Encoding", "CHUNKED"}, {"Transfer-Encoding", "identity"},
                {"Transfer-Encoding", "gzip, chunked"}, {"Transfer-Encoding", "chunked, identity"}, {"Transfer-Encoding", ""},
                {"Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"},
                {"Transfer-Encoding", "chunked", "Content-Length", "5"}, {"Content-Length", "5", "Transfer-Encoding", "identity"},
                {"Content-Length", "-1"}, {"Content-Length", "+5"}, {"Content-Length", "5", "Content-Length", "5"},
                {"Content-Length", "5, 5"}, {"Content-Length", "99999999999999999999"}};
        for (String[] sent : refused) {
            assertThatThrownBy(() -> StrictFraming.checkFraming(headers(sent))).as(String.join(" ", sent))
                    .isInstanceOfSatisfying(RequestException.class, refusal -> {
                        assertThat(refusal.status()).isEqualTo(Status.BAD_REQUEST_400);
                        assertThat(refusal.keepAlive()).isFalse();
                    });
        }
    }

    private static WritableHeaders<?> headers(String... namesAndValues) {
        WritableHeaders<?> headers = WritableHeaders.create();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(HeaderNames.create(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return headers;
    }

    static HttpPrologue line(String query, String fragment) {
        return HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", Method.GET, UriPath.create("/api/v1/purposes"),
                UriQuery.create(query, false), fragment == null ? UriFragment.empty() : UriFragment.createFromDecoded(fragment));
    }
}
