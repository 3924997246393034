package workbench.timeline;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.openjdk.jmh.annotations.Param;

/**
 * The timeline row of an item's benchmark ({@code timeline}): one op runs one way of the item's example with the
 * timeline's recording off or on ({@link TimelineRecording}). The item's subclass passes the item and the example
 * and declares one {@code @Param} string besides {@code recording}: the ways' slugs it measures (those cheap enough
 * per op), which this reads as the row's way.
 */
public abstract class WayTimeline extends TimelineRecording {

    private final Field way;

    protected WayTimeline(int item, String example) {
        super(item, example);
        List<Field> params = new ArrayList<>(); // from the class JMH generates to extend the state, up to this one
        for (Class<?> type = getClass(); type != WayTimeline.class; type = type.getSuperclass()) {
            Arrays.stream(type.getDeclaredFields())
                    .filter(field -> field.isAnnotationPresent(Param.class) && field.getType() == String.class)
                    .forEach(params::add);
        }
        if (params.size() != 1) {
            throw new IllegalStateException(getClass().getName() + " must declare one @Param String, the way's slug: "
                    + params);
        }
        way = params.get(0);
    }

    @Override
    protected final String way() {
        try {
            return (String) way.get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(way + " must be public, as JMH's @Param fields are", e);
        }
    }
}
