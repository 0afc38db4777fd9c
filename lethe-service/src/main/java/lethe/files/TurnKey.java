package lethe.files;

/** A stored turn by its session's primary key and its turn id. */
public record TurnKey(long sessionPk, String turnId) {
}
