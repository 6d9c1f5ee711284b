package dev.trawl.kql.golden;

/** How one kind of {@code .kqltest} block runs: from its query to what its expected section must say. */
public interface BlockKind {
    /**
     * Runs the block and returns the text its expected section should hold (compared after
     * {@link KqlTestFile#normalize}). Throws {@link AssertionError} when the block cannot pass whatever is
     * recorded — an {@code error} block whose query has no error, a {@code parse} block with diagnostics — so
     * update mode never records such a result.
     */
    String expected(KqlTestBlock block);

    /**
     * {@link #expected(KqlTestBlock)} for a block of {@code file}, for kinds whose blocks depend on earlier blocks
     * of the same file (an engine {@code query} reads the tables its file's {@code setup} blocks define). The
     * runner always calls this one; the whole file is passed, not only the blocks a filter selected, so a block
     * runs the same whether it is run alone or with the rest of its file.
     */
    default String expected(KqlTestBlock block, KqlTestFile file) {
        return expected(block);
    }

    /** Whether blocks of this kind need a {@code ----} section; a later {@code statement ok} would not. */
    default boolean hasExpectedSection() {
        return true;
    }
}
