package io.seq4j.embeddings;

import io.seq4j.core.data.LineReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Word-analogy accuracy on a file in the questions-words.txt layout (Mikolov et al. 2013):
 * {@code : section} lines, then questions {@code a b c d} meaning "a is to b as c is to d". As
 * gensim's {@code evaluate_word_analogies}: words are matched case-insensitively, only the
 * {@code restrict} most frequent words (30,000 in the standard setting) are candidates, a question
 * with a word outside them is skipped (reported as lost coverage), and a question counts as right
 * when the top answer, the question's words excluded, is d. Sections whose name starts with
 * "gram" are syntactic, the others semantic.
 *
 * @param sections per section: right answers, questions answered and questions in the file
 * @param accuracy right / answered over all sections
 * @param coverage answered / questions in the file
 */
public record AnalogyEvaluation(List<Section> sections, int correct, int answered, int questions, double accuracy, double coverage) {

    /** One section's counts. */
    public record Section(String name, int correct, int answered, int questions) {
        public double accuracy() {
            return answered == 0 ? 0 : correct / (double) answered;
        }

        public boolean syntactic() {
            return name.startsWith("gram");
        }
    }

    /** Reads the questions and answers them; malformed lines are InputFormatExceptions with file:line. */
    public static AnalogyEvaluation evaluate(VectorSearch search, Path file, int restrict, VectorSearch.Analogy rule) throws IOException {
        Map<String, List<int[]>> asked = new LinkedHashMap<>();
        Map<String, Integer> inFile = new LinkedHashMap<>();
        int limit = restrict <= 0 ? search.vectors().size() : restrict;
        try (LineReader lines = new LineReader(file)) {
            String section = null;
            for (String line; (line = lines.next()) != null; ) {
                String t = line.strip();
                if (t.isEmpty()) continue;
                if (t.startsWith(":")) {
                    section = t.substring(1).strip();
                    asked.putIfAbsent(section, new ArrayList<>());
                    inFile.putIfAbsent(section, 0);
                    continue;
                }
                String[] w = t.split("\\s+");
                if (w.length != 4) throw lines.error("expected 4 words (a b c d), found " + w.length);
                if (section == null) throw lines.error("question before the first ': section' line");
                inFile.merge(section, 1, Integer::sum);
                int[] q = new int[4];
                boolean known = true;
                for (int k = 0; k < 4; k++) {
                    q[k] = search.indexOf(w[k], true);
                    known &= q[k] >= 0 && q[k] < limit;
                }
                if (known) asked.get(section).add(q);
            }
        }
        if (inFile.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new io.seq4j.core.data.InputFormatException(file.toString(), 0, "no analogy questions in the file");
        }
        List<Section> sections = new ArrayList<>();
        int correct = 0;
        int answered = 0;
        int questions = 0;
        for (var e : asked.entrySet()) {
            List<int[]> qs = e.getValue();
            int[][] abc = new int[qs.size()][];
            for (int k = 0; k < abc.length; k++) abc[k] = new int[]{qs.get(k)[0], qs.get(k)[1], qs.get(k)[2]};
            int[] got = search.answer(abc, rule, limit);
            int right = 0;
            for (int k = 0; k < got.length; k++) if (got[k] == qs.get(k)[3]) right++;
            int total = inFile.get(e.getKey());
            sections.add(new Section(e.getKey(), right, qs.size(), total));
            correct += right;
            answered += qs.size();
            questions += total;
        }
        return new AnalogyEvaluation(List.copyOf(sections), correct, answered, questions,
                answered == 0 ? 0 : correct / (double) answered, correct == 0 && answered == 0 ? 0 : answered / (double) questions);
    }

    /** Accuracy over the semantic (true) or syntactic (false) sections. */
    public double accuracy(boolean syntactic) {
        int c = 0;
        int a = 0;
        for (Section s : sections) {
            if (s.syntactic() == syntactic) {
                c += s.correct();
                a += s.answered();
            }
        }
        return a == 0 ? 0 : c / (double) a;
    }

    /** The per-section table and totals, as text. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%-28s %8s %8s %9s%n", "section", "correct", "answered", "accuracy"));
        for (Section s : sections) {
            sb.append(String.format(java.util.Locale.ROOT, "%-28s %8d %8d %8.2f%%%n", s.name(), s.correct(), s.answered(), 100 * s.accuracy()));
        }
        sb.append(String.format(java.util.Locale.ROOT, "semantic %.2f%%, syntactic %.2f%%, total %.2f%% (%d/%d), coverage %.1f%% of %d questions%n",
                100 * accuracy(false), 100 * accuracy(true), 100 * accuracy, correct, answered, 100 * coverage, questions));
        return sb.toString();
    }
}
