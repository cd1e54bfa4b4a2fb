package io.seq4j.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Fuzz target for seq4j serve's request parsing: texts, or a Reply with a 400/413 status and a message; nothing else. */
class RequestFuzzTest {
    @FuzzTest
    void predictRequest(byte[] data) {
        try {
            JsonNode body = ModelServer.parse(data, 4096);
            List<String> texts = ModelServer.texts(body, 8);
            if (texts.isEmpty() || texts.size() > 8 || texts.stream().anyMatch(String::isBlank)) throw new AssertionError("bad texts accepted: " + texts);
        } catch (ModelServer.Reply r) {
            if (r.getStatus() != 400 && r.getStatus() != 413) throw new AssertionError("status " + r.getStatus());
            if (r.getMessage() == null || r.getMessage().isBlank()) throw new AssertionError("no message");
        }
    }
}
