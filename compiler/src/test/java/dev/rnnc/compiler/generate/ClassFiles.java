package dev.rnnc.compiler.generate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * Reads facts HotSpot cares about from class files, with ASM's {@link ClassReader}: the bytecode
 * length of every method (the {@code code_length} of its {@code Code} attribute) and the size of
 * the constant pool.
 */
public final class ClassFiles {

  private ClassFiles() {}

  /** Method name and descriptor -> code length in bytes, in class-file order. */
  public static Map<String, Integer> codeLengths(byte[] classFile) {
    ClassReader r = new ClassReader(classFile);
    char[] buf = new char[r.getMaxStringLength()];
    int at = r.header + 6;
    at += 2 + 2 * r.readUnsignedShort(at); // interfaces
    at = skipMembers(r, at); // fields
    Map<String, Integer> result = new LinkedHashMap<>();
    int methods = r.readUnsignedShort(at);
    at += 2;
    for (int m = 0; m < methods; m++) {
      String name = r.readUTF8(at + 2, buf) + r.readUTF8(at + 4, buf);
      int attributes = r.readUnsignedShort(at + 6);
      at += 8;
      for (int a = 0; a < attributes; a++) {
        String attribute = r.readUTF8(at, buf);
        int length = r.readInt(at + 2);
        if (attribute.equals("Code")) {
          result.put(name, r.readInt(at + 6 + 4));
        }
        at += 6 + length;
      }
    }
    return result;
  }

  /** Number of constant-pool entries (limit 65535). */
  static int constantPoolCount(byte[] classFile) {
    return new ClassReader(classFile).getItemCount();
  }

  private static int skipMembers(ClassReader r, int at) {
    int count = r.readUnsignedShort(at);
    at += 2;
    for (int k = 0; k < count; k++) {
      int attributes = r.readUnsignedShort(at + 6);
      at += 8;
      for (int a = 0; a < attributes; a++) {
        at += 6 + r.readInt(at + 2);
      }
    }
    return at;
  }
}
