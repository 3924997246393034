package workbench.procpool.outside;

import java.io.Serializable;

/** A serialisable value outside the test pool's allow-list (which allows {@code workbench.procpool.*} only). */
public record NotAllowed(String text) implements Serializable {
}
