/* Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Go >= 1.22 needs
 * for crypto/rand on Windows. This forwards it to BCryptGenRandom. Only the
 * Wine test prefix gets it: real Windows 10/11 has its own. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE buf, SIZE_T n)
{
	while (n > 0) {
		ULONG c = n > 0x7fffffff ? 0x7fffffff : (ULONG)n;
		if (BCryptGenRandom(NULL, buf, c, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		buf += c;
		n -= c;
	}
	return TRUE;
}
