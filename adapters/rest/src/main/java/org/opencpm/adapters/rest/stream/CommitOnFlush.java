package org.opencpm.adapters.rest.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import org.glassfish.jersey.message.internal.CommittingOutputStream;

/**
 * Lets a {@link StreamedAnswer} reach the client as it is written. Jersey (the JAX-RS runtime of
 * Helidon MP) holds back the first 8 KiB of every answer, to send a {@code Content-Length} when the
 * whole answer fits, and ignores {@code flush()} until then: a streaming answer's first lines would
 * wait for 8 KiB of answers, or for the end of the request. For a streamed answer that holding back
 * is switched off before anything is written: its first write sends the status and headers, and
 * the answer is chunked from then on (the answer buffers its own writes). Seen in
 * {@code AudienceFilterApiTest}: without it nothing of the answer arrives before the client has
 * sent its whole body. Other answers are left alone.
 */
@Provider
@ApplicationScoped
public class CommitOnFlush implements WriterInterceptor {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (context.getEntity() instanceof StreamedAnswer && context.getOutputStream() instanceof CommittingOutputStream held
                && !held.isCommitted()) {
            held.enableBuffering(0);
        }
        context.proceed();
    }
}
