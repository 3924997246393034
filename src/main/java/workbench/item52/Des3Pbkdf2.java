package workbench.item52;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What {@code openssl enc -des3 -pbkdf2 -pass env:password} computes, byte for byte: PBKDF2-HMAC-SHA256 with
 * 10,000 iterations over the password and an 8-byte salt yields a 24-byte key and an 8-byte IV for
 * DES-EDE3-CBC with PKCS#5 padding. With a random salt the output starts {@code Salted__<salt>}; with a given
 * salt ({@code -S hex}) openssl writes the ciphertext alone. The Java child uses it where openssl is missing,
 * and the tests use it to check openssl's output.
 */
public final class Des3Pbkdf2 {

    public static final int ITERATIONS = 10_000;
    public static final int SALT_BYTES = 8;
    private static final byte[] MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);

    private Des3Pbkdf2() {
    }

    /** Encrypts with a fresh random salt, openssl's default: {@code Salted__ + salt + ciphertext}. */
    public static byte[] encryptSalted(char[] password, byte[] plaintext) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        byte[] ciphertext = encrypt(password, salt, plaintext);
        byte[] out = new byte[MAGIC.length + salt.length + ciphertext.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(salt, 0, out, MAGIC.length, salt.length);
        System.arraycopy(ciphertext, 0, out, MAGIC.length + salt.length, ciphertext.length);
        return out;
    }

    /** Encrypts with the given salt and writes the ciphertext alone, as {@code openssl enc -S <hex>} does. */
    public static byte[] encrypt(char[] password, byte[] salt, byte[] plaintext) {
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("the salt must be " + SALT_BYTES + " bytes, got " + salt.length);
        }
        try {
            byte[] keyAndIv = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, ITERATIONS, (24 + 8) * 8))
                    .getEncoded();
            Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(keyAndIv, 0, 24), "DESede"),
                    new IvParameterSpec(Arrays.copyOfRange(keyAndIv, 24, 32)));
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256 or DESede/CBC", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
