package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A block's parameters stored as IEEE half floats: the shipped diffusion weights fit the jar's
 * 30 MB a file at half the size, and rounding trained weights to 11 significant bits changes
 * nothing a person can see. Read back into the block's float32 parameters, so inference runs in
 * float32 as trained (and the same file gives the same bytes everywhere).
 *
 * <p>Format: "PWBH", a version byte, the parameter count, then per parameter its name, shape
 * and little-endian half floats, in the block's parameter order.
 */
final class HalfWeights {

  private static final int MAGIC = 0x50574248; // "PWBH"
  private static final byte VERSION = 1;

  private HalfWeights() {}

  static void write(Block block, Path file) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
      write(block, out);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  static void write(Block block, OutputStream stream) throws IOException {
    var out = new DataOutputStream(stream);
    var parameters = block.getParameters();
    out.writeInt(MAGIC);
    out.writeByte(VERSION);
    out.writeInt(parameters.size());
    for (var entry : parameters) {
      NDArray array = entry.getValue().getArray();
      out.writeUTF(entry.getKey());
      long[] shape = array.getShape().getShape();
      out.writeInt(shape.length);
      for (long d : shape) {
        out.writeLong(d);
      }
      try (NDArray half = array.stopGradient().toType(DataType.FLOAT16, true)) {
        ByteBuffer bytes = half.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        out.writeInt(raw.length);
        out.write(raw);
      }
    }
    out.flush();
  }

  /** Sets the block's (initialised, frozen) parameters from {@code bytes}; names and shapes must match. */
  static void read(Block block, byte[] bytes, NDManager manager) throws IOException {
    var in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != MAGIC || in.readByte() != VERSION) {
      throw new IOException("not a half-float weights file");
    }
    var parameters = block.getParameters();
    int count = in.readInt();
    if (count != parameters.size()) {
      throw new IOException("the file has " + count + " parameters, the network " + parameters.size());
    }
    try (NDManager scope = manager.newSubManager()) {
      for (var entry : parameters) {
        String name = in.readUTF();
        if (!name.equals(entry.getKey())) {
          throw new IOException("parameter " + name + " where the network has " + entry.getKey());
        }
        readInto(in, name, entry.getValue(), scope, false);
      }
    }
  }

  /** The parameter names in a half-float weights file, in its order. */
  static List<String> names(byte[] bytes) throws IOException {
    return new ArrayList<>(shapes(bytes).keySet());
  }

  /** The parameters' shapes in a half-float weights file, by name in its order: what network the file is for. */
  static Map<String, long[]> shapes(byte[] bytes) throws IOException {
    var in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != MAGIC || in.readByte() != VERSION) {
      throw new IOException("not a half-float weights file");
    }
    int count = in.readInt();
    var shapes = new LinkedHashMap<String, long[]>();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      long[] shape = new long[in.readInt()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = in.readLong();
      }
      in.skipNBytes(in.readInt());
      shapes.put(name, shape);
    }
    return shapes;
  }

  /**
   * Sets the parameters the file names, leaving the block's others as initialised: a grown
   * network (new layers whose output starts at zero) then continues from an older one's
   * weights. Returns the names the file did not have; a name the block lacks is an error.
   */
  static List<String> readPartial(Block block, byte[] bytes, NDManager manager) throws IOException {
    return readInto(block, bytes, manager, false);
  }

  /**
   * Sets the parameters whose name and shape the file and the block share, skipping the rest: a
   * network of another input (the latent UNet grown from the pixel one) starts from the layers
   * they have in common. Returns the names of the block's parameters left as initialised.
   */
  static List<String> readMatching(Block block, byte[] bytes, NDManager manager) throws IOException {
    return readInto(block, bytes, manager, true);
  }

  private static List<String> readInto(Block block, byte[] bytes, NDManager manager, boolean skipOthers)
      throws IOException {
    var in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != MAGIC || in.readByte() != VERSION) {
      throw new IOException("not a half-float weights file");
    }
    var parameters = block.getParameters();
    var missing = new ArrayList<>(parameters.keys());
    int count = in.readInt();
    try (NDManager scope = manager.newSubManager()) {
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        Parameter parameter = parameters.get(name);
        if (parameter == null && !skipOthers) {
          throw new IOException("parameter " + name + " is not in the network");
        }
        if (readInto(in, name, parameter, scope, skipOthers)) {
          missing.remove(name);
        }
      }
    }
    return missing;
  }

  /**
   * Reads one parameter's record into {@code parameter}; a record of another shape (or for no
   * parameter) is an error, or with {@code skipOthers} is read past. Returns whether it was set.
   */
  private static boolean readInto(DataInputStream in, String name, @Nullable Parameter parameter, NDManager scope,
      boolean skipOthers) throws IOException {
    long[] shape = new long[in.readInt()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = in.readLong();
    }
    byte[] raw = new byte[in.readInt()];
    in.readFully(raw);
    if (parameter == null || !new Shape(shape).equals(parameter.getArray().getShape())) {
      if (skipOthers) {
        return false;
      }
      throw new IOException("parameter " + name + " has shape " + new Shape(shape) + ", the network "
          + (parameter == null ? "none" : parameter.getArray().getShape()));
    }
    NDArray half = scope.create(ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()), new Shape(shape), DataType.FLOAT16);
    parameter.getArray().set(half.toType(DataType.FLOAT32, false).toFloatArray());
    return true;
  }

}
