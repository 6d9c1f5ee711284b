package dev.trawl.store.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mappers ingest uses: big decimals kept exact, records up to the store's size limit allowed.
 * {@link #MAPPER} reads one whole text and refuses anything after its value (a JSON line with junk after it is
 * bad); {@link #STREAM} reads values one after the other from a parser (an array's elements).
 */
final class Jackson {
    static final ObjectMapper MAPPER = mapper(true);
    static final ObjectMapper STREAM = mapper(false);

    private static ObjectMapper mapper(boolean wholeText) {
        return JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(Integer.MAX_VALUE)
                            .maxNestingDepth(1000)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, wholeText)
            .build();
    }

    private Jackson() {
    }
}
