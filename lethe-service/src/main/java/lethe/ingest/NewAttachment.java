package lethe.ingest;

import java.util.ArrayList;
import java.util.List;

/** An attachment ready for its INSERT, keyed by the turn it belongs to and its position on it. */
public record NewAttachment(long sessionPk, String turnId, int position, String mediaType, String name,
                            long byteCount, byte[] data) {

    static List<NewAttachment> of(NewTurn turn, List<IncomingAttachment> incoming) {
        List<NewAttachment> attachments = new ArrayList<>(incoming.size());
        for (int position = 0; position < incoming.size(); position++) {
            IncomingAttachment attachment = incoming.get(position);
            attachments.add(new NewAttachment(turn.sessionPk(), turn.turnId(), position, attachment.mediaType(),
                    attachment.name(), attachment.data().length, attachment.data()));
        }
        return attachments;
    }
}
